"""Public pages. Readers never log in."""
from django.urls import path

from . import views

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_view, name="search"),
    path("feed/", views.feed, name="feed"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("explainers/<slug:slug>.json", views.explainer_json, name="explainer-json"),
    path("explainers/<slug:slug>/", views.explainer_detail, name="explainer"),
    path("explainers/<slug:slug>/sources/<int:article_id>/", views.source_detail, name="source"),
    path("explainers/<slug:slug>/matrix/", views.matrix, name="matrix"),
    path("explainers/<slug:slug>/history/", views.history, name="history"),
    path("explainers/<slug:slug>/revisions/<int:number>/", views.revision_detail, name="revision"),
    path("explainers/<slug:slug>/revisions/<int:number>/matrix/", views.revision_matrix, name="revision-matrix"),
    path(
        "explainers/<slug:slug>/revisions/<int:number>/sources/<int:article_id>/",
        views.revision_source,
        name="revision-source",
    ),
    path("explainers/<slug:slug>/preview/", views.preview, name="preview"),
    path("explainers/<slug:slug>/preview/sources/<int:article_id>/", views.preview_source, name="preview-source"),
]
