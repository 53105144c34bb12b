"""Streamlit-side helpers: language, URL-bound controls, bounded caches. Pages use these."""
