"""The architecture workflow: a persisted, resumable state machine with TodoWrite todos."""
