"""The guided workflow: phases, todos and an audit trail, resumable across front ends."""
