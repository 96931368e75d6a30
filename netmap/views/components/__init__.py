"""Custom Streamlit components shipped with netmap (their JavaScript and CSS are package data in ``assets``)."""
