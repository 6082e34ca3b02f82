"""``./run listings``: the files a clinic group uploads to keep each clinic's name, address, phone and hours the
same on maps and search engines as on its site (``formats`` the documented columns, ``rows`` a clinic's facts
as a row, ``files`` writing and checking them)."""
