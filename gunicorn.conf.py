"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py``.

Binds to 127.0.0.1 by default (put a reverse proxy in front); each worker opens its own engine on its
first request, so the app is not preloaded into the master.
"""

import os

wsgi_app = "search_app:create_app()"
bind = f"{os.environ.get('SEARCH_APP_HOST') or '127.0.0.1'}:{os.environ.get('SEARCH_APP_PORT') or '8000'}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)  # gunicorn's own variable for the worker count
preload_app = False
accesslog = "-"
errorlog = "-"
loglevel = "info"
# Engines answer within seconds or are reported down; a stuck worker is restarted.
timeout = 30
graceful_timeout = 10
