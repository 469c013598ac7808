"""User accounts in the admin: clinic admins manage accounts but cannot raise anyone above them.

Django's own UserAdmin lets anyone with `change_user` tick "superuser status", grant any
permission, or reset a superuser's password, so a clinic admin could make themselves superuser.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User


class ClinicUserAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if not request.user.is_superuser:
            # Permissions come from the groups (migration 0002), never granted one by one.
            readonly = (*readonly, "is_superuser", "user_permissions")
        return readonly

    def has_change_permission(self, request, obj=None):
        # A superuser's account (and password) is changed only by a superuser.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)


admin.site.unregister(User)
admin.site.register(User, ClinicUserAdmin)
