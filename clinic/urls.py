"""URL configuration: the workspace, the admin, authentication and the health endpoint."""

from django.contrib import admin
from django.urls import include, path

from clinic.views import health

admin.site.site_header = "Ekbom"
admin.site.site_title = "Ekbom admin"
admin.site.index_title = "Clinic administration"

# The doctors' workspace, namespaced "clinic".
workspace_patterns: list = []

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include((workspace_patterns, "clinic"))),
]
