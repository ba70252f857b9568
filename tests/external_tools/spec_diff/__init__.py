"""Needs: Optic (npm ci). The breaking-change gate on crafted pairs of specs."""
