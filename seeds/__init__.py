"""The playbook as data: reasons, openers, goals, fallback topics, voicemail scripts, reassurances."""
