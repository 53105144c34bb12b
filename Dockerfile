# DescentLab image, after Streamlit's own recipe.
FROM python:3.11-slim

WORKDIR /app

# Fewer glibc malloc arenas: Streamlit's many threads otherwise keep ~300 MB more resident
# under load (measured by benchmarks/load.py).
ENV MALLOC_ARENA_MAX=2

RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY app.py ./
COPY .streamlit ./.streamlit
COPY optimizers ./optimizers
COPY surfaces ./surfaces
COPY scenes ./scenes
COPY plotting ./plotting
COPY ui ./ui
COPY lessons ./lessons

RUN useradd --create-home descentlab
USER descentlab

EXPOSE 8501

HEALTHCHECK CMD curl --fail http://localhost:8501/_stcore/health || exit 1

ENTRYPOINT ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
