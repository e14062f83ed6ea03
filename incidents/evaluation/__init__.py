"""Scoring the pipeline against gold data (pure Python, no Django): `synthetic` scores
incident extraction on the shared synthetic set and the seed report."""
