"""The command-line front end: `python main.py COMMAND …` (beside gui/, the window's front end)."""
