from django.apps import AppConfig, apps


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from clinic.audit import register_audited_models

        register_audited_models()
        # django-axes' section of the admin is what a clinic admin knows as login lockouts.
        apps.get_app_config("axes").verbose_name = "Login lockouts"
