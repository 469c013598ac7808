"""URL configuration: the workspace, the admin, authentication and the health endpoint."""

from django.contrib import admin
from django.contrib.auth import urls as auth_urls
from django.urls import include, path

from clinic.interop.urls import cds_hooks_patterns
from clinic.views import health
from clinic.views.password_reset import ThrottledPasswordResetView
from clinic.views.urls import workspace_patterns

admin.site.site_header = "Ekbom"
admin.site.site_title = "Ekbom admin"
admin.site.index_title = "Clinic administration"

# Django's account URLs, with the reset request throttled (clinic/views/password_reset.py).
ACCOUNT_URLS = [
    path("password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    *(url for url in auth_urls.urlpatterns if getattr(url, "name", "") != "password_reset"),
]

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include(ACCOUNT_URLS)),
    path("admin/", admin.site.urls),
    # CDS Hooks 2.0: discovery and services, authenticated by the caller's JWT.
    *cds_hooks_patterns,
    # The doctors' workspace, namespaced "clinic" (clinic/views/urls.py).
    path("", include((workspace_patterns, "clinic"))),
]
