# Ekbom's production image: gunicorn serving Django, static files served by whitenoise.
# Secrets come from the environment at run time, never from the image.

FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN useradd --create-home --uid 10001 ekbom
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir -r requirements/base.txt
COPY --from=assets /build/node_modules node_modules
COPY manage.py ./
COPY clinic clinic
COPY rls rls
COPY templates templates
COPY static static
# A throwaway key for this one build step only: collectstatic never signs anything.
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input -v 0
USER ekbom
EXPOSE 8000
# Migrations run on start, so a new image upgrades the schema before serving.
CMD ["sh", "-c", "python manage.py migrate --no-input && exec gunicorn clinic.wsgi:application --bind 0.0.0.0:8000 --workers ${GUNICORN_WORKERS:-3} --access-logfile -"]
