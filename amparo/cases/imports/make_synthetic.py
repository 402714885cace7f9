"""`python -m amparo.cases.imports.make_synthetic ROWS OUTPUT --offices LAX,CHI [--seed N]`
writes a synthetic import file (see synthetic.py). Django is set up first because the
format's vocabularies come from the case models."""

import os
import sys

if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from amparo.cases.imports.synthetic import main

    sys.exit(main())
