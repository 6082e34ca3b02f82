"""The benchmark's peer: the same synthetic clinics built with Hugo (and Pagefind), for ``./run bench --against
hugo``. Its templates (``hugo_layouts/``) are the benchmark's, not the product's."""
