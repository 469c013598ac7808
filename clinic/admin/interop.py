"""FHIR imports in the admin: what was imported from where, and a page that uploads a bundle."""

from __future__ import annotations

from auditlog.context import set_actor
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from clinic.admin.findings import ReadOnlyAdmin, ReadOnlyPatientRowsAdmin
from clinic.interop.bundles import BundleError
from clinic.interop.fhir_import import FhirImporter
from clinic.models import FhirLink, HookCall


class FhirUploadForm(forms.Form):
    bundle = forms.FileField(
        help_text="A FHIR R4 Bundle (transaction, batch, collection, searchset)"
    )
    doctor = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        help_text="Imported patients join this doctor's caseload.",
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        doctors = get_user_model().objects.filter(is_active=True)
        # Only an admin who sees every caseload may fill someone else's.
        if not user.has_perm("clinic.view_every_caseload"):
            doctors = doctors.filter(pk=user.pk)
        self.fields["doctor"].queryset = doctors.order_by("username")  # type: ignore[attr-defined]
        self.fields["doctor"].initial = user.pk


@admin.register(FhirLink)
class FhirLinkAdmin(ReadOnlyPatientRowsAdmin):
    list_display = ("resource_type", "resource_id", "patient", "imported_at")
    list_filter = ("resource_type",)
    search_fields = ("resource_id", "patient__mrn")
    list_select_related = ("patient",)
    change_list_template = "admin/clinic/fhirlink/change_list.html"

    def get_urls(self):
        upload = path(
            "upload/",
            self.admin_site.admin_view(self.upload_view),
            name="clinic_fhirlink_upload",
        )
        return [upload, *super().get_urls()]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """Import an uploaded bundle into the chosen caseload and show the summary."""
        if not request.user.has_perm("clinic.add_patient"):
            raise PermissionDenied
        form = FhirUploadForm(request.POST or None, request.FILES or None, user=request.user)
        summary = None
        if request.method == "POST" and form.is_valid():
            importer = FhirImporter(doctor=form.cleaned_data["doctor"], at=timezone.now())
            with set_actor(request.user):
                try:
                    importer.import_stream(form.cleaned_data["bundle"])
                except BundleError as error:
                    form.add_error("bundle", str(error))
                # Patients imported before a file turned out broken are kept: refresh them too.
                importer.refresh_findings()
            if not form.errors:
                summary = importer.summary.lines()
                level = messages.WARNING if importer.summary.refused else messages.SUCCESS
                messages.add_message(request, level, summary[len(importer.summary.refused)])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import a FHIR bundle",
            "form": form,
            "summary": summary,
        }
        return render(request, "admin/clinic/fhirlink/upload.html", context)


@admin.register(HookCall)
class HookCallAdmin(ReadOnlyAdmin):
    """The CDS Hooks service's audit trail: read-only."""

    list_display = ("called_at", "service", "status", "cards", "client", "reason", "remote_addr")
    list_filter = ("service", "status")
    search_fields = ("client", "hook_instance", "reason")
    date_hierarchy = "called_at"
