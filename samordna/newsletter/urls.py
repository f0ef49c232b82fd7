from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("", views.index, name="index"),
    path("personuppgifter/", views.privacy, name="privacy"),
    path("bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("avregistrera/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("installningar/<str:token>/", views.preferences, name="preferences"),
    path("nummer/<int:pk>/", views.issue_web, name="issue_web"),
    path("nummer/<int:pk>/pdf/", views.issue_pdf, name="issue_pdf"),
    path("nummer/<int:pk>/bild/<int:item_pk>/", views.item_image, name="item_image"),
    path("hantera/", views.manage, name="manage"),
    path("hantera/nummer/<int:pk>/", views.issue_detail, name="issue_detail"),
    path("hantera/nummer/<int:pk>/redigera/", views.issue_edit, name="issue_edit"),
    path("hantera/nummer/<int:pk>/ta-bort/", views.issue_delete, name="issue_delete"),
    path("hantera/nummer/<int:pk>/avsnitt/nytt/", views.section_create, name="section_create"),
    path("hantera/nummer/<int:pk>/artikel/ny/", views.item_create, name="item_create"),
    path("hantera/nummer/<int:pk>/hamta/", views.item_pick, name="item_pick"),
    path(
        "hantera/nummer/<int:pk>/forhandsvisning/",
        views.issue_preview_email,
        name="issue_preview_email",
    ),
    path(
        "hantera/nummer/<int:pk>/forhandsvisning/text/",
        views.issue_preview_text,
        name="issue_preview_text",
    ),
    path("hantera/nummer/<int:pk>/provutskick/", views.issue_test_send, name="issue_test_send"),
    path("hantera/nummer/<int:pk>/skicka/", views.issue_send, name="issue_send"),
    path("hantera/avsnitt/<int:pk>/", views.section_edit, name="section_edit"),
    path("hantera/avsnitt/<int:pk>/ta-bort/", views.section_delete, name="section_delete"),
    path("hantera/artikel/<int:pk>/", views.item_edit, name="item_edit"),
    path("hantera/artikel/<int:pk>/ta-bort/", views.item_delete, name="item_delete"),
    path("hantera/<str:code>/nytt/", views.issue_create, name="issue_create"),
    path("hantera/<str:code>/prenumeranter/", views.subscribers, name="subscribers"),
    path(
        "hantera/<str:code>/prenumeranter/import/",
        views.subscribers_import,
        name="subscribers_import",
    ),
    path(
        "hantera/<str:code>/prenumeranter/export/<int:list_pk>/",
        views.subscribers_export,
        name="subscribers_export",
    ),
    path("hantera/<str:code>/listor/ny/", views.list_create, name="list_create"),
    path("<str:code>/", views.county_archive, name="county_archive"),
    path("<str:code>/prenumerera/", views.subscribe, name="subscribe"),
    path("<str:code>/prenumerera/tack/", views.subscribe_thanks, name="subscribe_thanks"),
]
