# DescentLab image, after Streamlit's own recipe: a slim Python base pinned to a Debian release,
# the locked requirements, only the app's code, a non-root user.
#   docker build -t descentlab .
#   docker run --rm -p 8501:8501 descentlab
#   docker run --rm -e PORT=9137 -p 9137:9137 descentlab   # the port platforms hand over in $PORT
FROM python:3.11-slim-bookworm

WORKDIR /app

# PORT: the one port the server listens on and the health check probes (container platforms set it).
# Fewer glibc malloc arenas: Streamlit's many threads otherwise keep ~300 MB more resident
# under load (measured by benchmarks/load.py).
# DESCENTLAB_CONTAINER: the app's QR codes then never offer the container's own address, which students'
# phones cannot reach; run it with -e DESCENTLAB_PUBLIC_URL=http://<the host's address>:8501 for a class.
ENV PORT=8501 \
    MALLOC_ARENA_MAX=2 \
    PYTHONUNBUFFERED=1 \
    DESCENTLAB_CONTAINER=1

# The user before the code: this layer and the install below stay cached when the code changes.
RUN useradd --create-home --uid 10001 descentlab

# The lock: every transitive package pinned, with hashes (see requirements.in).
COPY requirements.txt ./
RUN pip install --no-cache-dir --disable-pip-version-check --root-user-action=ignore -r requirements.txt

# Streamlit's JS/CSS bundles compressed once, here (brotli 11 and gzip 9, ~30-50 s; cached with the layers
# above): asgi.py's middleware serves them, so a phone's first visit downloads ~2 MB instead of ~9 MB
# (issue 18). --check fails the build if the bundles every page loads were not compressed.
COPY serving ./serving
RUN python -m serving.precompress --out /app/.static-cache --check

# Only what the app needs; .streamlit/config.toml by name, never the folder (secrets.toml stays out).
COPY .streamlit/config.toml ./.streamlit/config.toml
COPY app.py asgi.py ./
COPY optimizers ./optimizers
COPY surfaces ./surfaces
COPY scenes ./scenes
COPY plotting ./plotting
COPY ui ./ui
COPY live ./live
COPY lessons ./lessons

# The live classes' embedded store (live/stores.py: <app>/.live): written by the app's user. It lasts as long as the
# container; mount a volume on /app/.live to keep classes across a new container, or set REDIS_URL.
RUN mkdir -p /app/.live && chown descentlab:descentlab /app/.live
USER descentlab

EXPOSE 8501

# Probes the server's own $PORT on loopback with Python (no curl in the image): silent when healthy,
# one line with the reason when not.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request\nurl = 'http://127.0.0.1:%s/_stcore/health' % os.environ.get('PORT', '8501')\ntry:\n    urllib.request.urlopen(url, timeout=4)\nexcept Exception as error:\n    sys.exit(f'{url}: {error}')"]

# exec: streamlit becomes PID 1 and gets the stop signal. Arguments given to `docker run IMAGE ...`
# are passed on to streamlit (e.g. --logger.level=debug). Every other setting comes from
# .streamlit/config.toml, the file watcher being off among them (one place for every deployment;
# benchmarks/_server.py starts its servers with this very command, read from this file).
# asgi.py is app.py through st.App, with the precompressed static files in front (see asgi.py).
ENTRYPOINT ["sh", "-c", "exec streamlit run asgi.py --server.port=\"$PORT\" --server.address=0.0.0.0 --server.headless=true \"$@\"", "streamlit"]
