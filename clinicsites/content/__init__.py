"""The Markdown under content/: found and picked per clinic (``library``), read once (``reader``: front matter in
``frontmatter``, clinic tags in ``tags`` and ``templating``, unsafe HTML refused by ``sanitize``, images checked
by ``images``) and kept between builds (``parsecache``)."""
