"""Test settings: the real settings with fast hashing, in-memory mail and cache, no TLS redirect."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")

from stadtgespraeche.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
MEDIA_ROOT = tempfile.mkdtemp(prefix="stadtgespraeche-media-")
PRIVATE_MEDIA_ROOT = os.path.join(MEDIA_ROOT, "private")
SITE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# No PDF downloads after the imports of the recorded crawls (thousands of files); the tests
# of oparl.services.file_texts switch them on.
OPARL_FILE_MAX_MB = 0
# No collectstatic in tests: plain storage, WhiteNoise reads the sources.
STORAGES = {
    "default": {"BACKEND": "stadtgespraeche.core.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The content generation of this test process (core/generation.py), not the shared DATA_DIR.
CONTENT_GENERATION_FILE = os.path.join(MEDIA_ROOT, "content-generation")
