"""How the deployed app is served (issue 18, "Every student's phone"): Streamlit's own static files
(the JS/CSS bundles) precompressed once, with brotli and gzip, and served from memory by a small ASGI
middleware in front of Streamlit (``asgi.py`` mounts it through ``st.App``).

- ``serving.precompress``: ``python -m serving.precompress`` writes the ``.br``/``.gz`` files into a
  cache folder (the Docker image does it at build time, scripts/serve.sh before it starts the replicas);
- ``serving.static``: the middleware that answers ``/static/...`` with them.
"""
