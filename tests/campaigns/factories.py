import datetime

import factory

from samordna.campaigns.models import Campaign

PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Kampanj {n}")
    summary = "En kampanj om våld i ungas relationer."
    start_date = datetime.date(2026, 2, 1)
    end_date = datetime.date(2026, 3, 31)
    county = None
    published = True
