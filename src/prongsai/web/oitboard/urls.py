"""Routes of the OIT preparation board; included by web/urls.py (and so walked by the permission matrix)."""

from __future__ import annotations

from django.urls import path

from . import board_views, item_views

urlpatterns = [
    path("agencies/<int:org_id>/oit/", board_views.boards, name="oit_boards"),
    path("agencies/<int:org_id>/oit/<int:year>/", board_views.board, name="oit_board"),
    path("agencies/<int:org_id>/oit/<int:year>/assign/", board_views.assign, name="oit_assign"),
    path("agencies/<int:org_id>/oit/<int:year>/workgroups/", board_views.workgroups, name="oit_workgroups"),
    path("agencies/<int:org_id>/oit/<int:year>/webmaster/", board_views.webmaster, name="oit_webmaster"),
    path("agencies/<int:org_id>/oit/<int:year>/check-links/", board_views.check_links, name="oit_check_links"),
    path("agencies/<int:org_id>/oit/<int:year>/publish/", board_views.publish, name="oit_publish"),
    path("agencies/<int:org_id>/oit/<int:year>/roll/", board_views.roll, name="oit_roll"),
    path("oit/items/<int:item_id>/", item_views.item, name="oit_item"),
    path("oit/items/<int:item_id>/status/", item_views.item_status, name="oit_item_status"),
    path("oit/items/<int:item_id>/comment/", item_views.item_comment, name="oit_item_comment"),
]
