from django.apps import AppConfig, apps


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from clinic.audit import register_audited_models
        from clinic.middleware import stamp_session

        register_audited_models()
        # Logging in saves the session: its idle time starts there (IdleTimeoutMiddleware).
        user_logged_in.connect(stamp_session, dispatch_uid="ekbom-stamp-session")
        # django-axes' section of the admin is what a clinic admin knows as login lockouts.
        apps.get_app_config("axes").verbose_name = "Login lockouts"
