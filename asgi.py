"""The app as the classroom deployments serve it: ``streamlit run asgi.py`` (the Docker image and
scripts/serve.sh's replicas).

It is app.py, unchanged, run through Streamlit's public ASGI class ``st.App`` (Streamlit 1.67: ``streamlit
run`` finds ``app`` here and serves it with its own uvicorn runner, every flag and .streamlit/config.toml
setting as for ``streamlit run app.py``), with one middleware in front of Streamlit's routes: its static
JS/CSS bundles served brotli- or gzip-compressed from files compressed once (``serving/static.py``; build
them with ``python -m serving.precompress``). A phone's first visit then downloads ~2 MB instead of ~9 MB
(BENCHMARKS.md, "Every student's phone"); and before it one small route of its own, answered by a middleware
ahead of Streamlit's: a live class's version, which the followers' browsers poll (``serving/live_route.py``). For your own machine ``streamlit run app.py`` is the same
app (its followers poll through a fragment instead).
"""

import streamlit as st
from starlette.middleware import Middleware

from serving.live_route import VersionRoute
from serving.static import PrecompressedStatic

app = st.App("app.py", middleware=[Middleware(VersionRoute), Middleware(PrecompressedStatic)])
