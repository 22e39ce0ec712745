"""The content model: the checked data as the pages show it (the comparison, FAQ, posts, team...).

Plain data in, plain data out: no HTML (that is views/) and no reading of files beyond each
loader's one data file, checked through checks/.
"""
