"""What the engine relies on from Pelican (clinicsites/render/pelican_api.py): fails loudly if an upgrade changes it."""

from pathlib import Path

from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from clinicsites.render import pelican_api

REPO = Path(__file__).resolve().parent.parent
SETTINGS = read_settings(str(REPO / "pelicanconf.py"))


def test_the_theme_environment_uses_the_jinja_settings_and_finds_theme_templates():
    generator = pelican_api.template_generator(SETTINGS)
    assert generator.env.autoescape is True and generator.env.trim_blocks is True
    assert generator.env.undefined.__name__ == "StrictUndefined"
    # Found, not compiled: the theme's own tags ({% cache %}, {% trans %}) come from render/theme.py's extensions.
    _source, filename, _uptodate = generator.env.loader.get_source(generator.env, "page.html")
    assert Path(filename) == REPO / "themes/clinic/templates/page.html"
    assert "strftime" in generator.env.filters


def test_relative_root_leads_back_to_the_site_root():
    assert pelican_api.relative_root("index.html") == "."
    assert pelican_api.relative_root("conditions/neck-pain/index.html") == "../.."


def test_news_pages_follow_the_pagination_patterns():
    pages = pelican_api.pages_of("news/index.html", "news/", list(range(23)), SETTINGS, 10)
    assert [p["articles_page"].save_as for p in pages] == [
        "news/index.html",
        "news/page/2/index.html",
        "news/page/3/index.html",
    ]
    assert [p["articles_page"].url for p in pages] == ["news/", "news/page/2/", "news/page/3/"]
    assert pages[0]["articles_previous_page"] is None and pages[0]["articles_next_page"] is pages[1]["articles_page"]
    assert list(pages[2]["articles_page"].object_list) == [20, 21, 22]
    assert pages[1]["articles_page"].has_other_pages()


def test_an_empty_news_list_still_has_one_page():
    assert len(pelican_api.pages_of("news/index.html", "news/", [], SETTINGS, 10)) == 1


def test_the_feed_is_returned_not_written(tmp_path):
    import datetime

    class Post:
        title, url, summary, author = "Hello", "news/hello/", "A post", "North Clinic"
        date = pelican_api.aware(datetime.datetime(2026, 11, 20), "America/Chicago")

        def get_content(self, siteurl):
            return f'<a href="{siteurl}/x/">x</a>'

    settings = {**SETTINGS, "OUTPUT_PATH": str(tmp_path), "RELATIVE_URLS": False}
    context = {"SITENAME": "North", "SITEURL": "https://example.org/north", "FEED_DOMAIN": "https://example.org/north/"}
    data = pelican_api.atom_feed([Post()], context, settings, "news/atom.xml").decode()
    assert not any(tmp_path.iterdir())
    assert '<link href="https://example.org/north/news/atom.xml" rel="self"/>' in data
    assert "<published>2026-11-20T00:00:00-06:00</published>" in data and "<name>North Clinic</name>" in data
    assert "https://example.org/north/x/" in data


def test_front_matter_dates_become_datetimes():
    reader = MarkdownReader(SETTINGS)
    assert reader.process_metadata("date", "2026-11-20").isoformat() == "2026-11-20T00:00:00"
