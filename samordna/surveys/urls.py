from django.urls import path

from .views import answering, builder, results

app_name = "surveys"

urlpatterns = [
    path("", builder.survey_index, name="survey_index"),
    path("ny/", builder.survey_create, name="survey_create"),
    path("<int:pk>/", builder.survey_detail, name="survey_detail"),
    path("<int:pk>/redigera/", builder.survey_edit, name="survey_edit"),
    path("<int:pk>/ta-bort/", builder.survey_delete, name="survey_delete"),
    path("<int:pk>/kopiera/", builder.survey_copy, name="survey_copy"),
    path("<int:pk>/status/", builder.survey_status, name="survey_status"),
    path("<int:pk>/avsnitt/ny/", builder.section_create, name="section_create"),
    path("avsnitt/<int:pk>/redigera/", builder.section_edit, name="section_edit"),
    path("avsnitt/<int:pk>/ta-bort/", builder.section_delete, name="section_delete"),
    path("avsnitt/<int:pk>/flytta/", builder.section_move, name="section_move"),
    path("avsnitt/<int:pk>/ny-fraga/", builder.question_create, name="question_create"),
    path("fragor/<int:pk>/redigera/", builder.question_edit, name="question_edit"),
    path("fragor/<int:pk>/ta-bort/", builder.question_delete, name="question_delete"),
    path("fragor/<int:pk>/flytta/", builder.question_move, name="question_move"),
    path("<int:pk>/utskick/", builder.survey_send, name="survey_send"),
    path("<int:pk>/paminnelse/", builder.survey_remind, name="survey_remind"),
    path("<int:pk>/svarsfrekvens/", builder.response_overview, name="response_overview"),
    path("<int:pk>/svar/<str:code>/oppna-igen/", builder.response_reopen, name="response_reopen"),
    path("svara/<str:token>/", answering.answer_link, name="answer_link"),
    path("<int:pk>/svar/<str:code>/", answering.answer_start, name="answer_start"),
    path("<int:pk>/svar/<str:code>/sida/<int:page>/", answering.answer_page, name="answer_page"),
    path("<int:pk>/svar/<str:code>/skicka-in/", answering.answer_submit, name="answer_submit"),
    path("<int:pk>/resultat/", results.survey_results, name="results"),
    path("<int:pk>/resultat/resultat.pdf", results.survey_results_pdf, name="results_pdf"),
    path("<int:pk>/export/svar.<str:fmt>", results.answers_export, name="answers_export"),
    path(
        "<int:pk>/export/indikatorer.<str:fmt>",
        results.indicators_export,
        name="indicators_export",
    ),
    path("resultat/nationellt/", results.national_results, name="national_results"),
    path("indikatorer/", results.indicator_list, name="indicator_list"),
    path("indikatorer/ny/", results.indicator_create, name="indicator_create"),
    path("indikatorer/<int:pk>/redigera/", results.indicator_edit, name="indicator_edit"),
    path("indikatorer/<int:pk>/ta-bort/", results.indicator_delete, name="indicator_delete"),
]
