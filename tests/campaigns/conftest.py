import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploads of these tests go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "uploads")
