"""Checking what editors write: the data files, front matter, mkdocs.yml's settings and docs/'s files.

Each mistake stops the build with one message naming the file, the line, the field and what was
expected (problems.py); all_files.py runs every check, in order, before any plugin reads a file.
"""
