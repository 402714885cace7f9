// Small progressive enhancements; no inline scripts anywhere (CSP).
