"""The requirements file: schema, loading with located errors, questions and briefs."""
