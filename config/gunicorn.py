"""Gunicorn settings (production and scripts/serve): `gunicorn -c config/gunicorn.py config.wsgi`.

The access log keeps the path without its query string, and neither the referrer nor the
User-Agent: a query string carries what people search for (names, A-numbers, phones), and
a referrer repeats the previous page's query string."""

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
