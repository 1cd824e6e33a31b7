"""The analyst's tools: who disclosed what first, overlaps with claims, watch lists and digests.

* :mod:`matmine.tracking.timeline` — :func:`first_disclosures` (first by priority, first public);
* :mod:`matmine.tracking.overlap` — :func:`composition_overlaps` of a document with others' claims;
* :mod:`matmine.tracking.watch` — watch lists (TOML) and :func:`digest` with a watermark;
* :mod:`matmine.tracking.assignee_report` — patents by assignee × year × CPC;
* :mod:`matmine.tracking.claims`, :mod:`~matmine.tracking.families`,
  :mod:`~matmine.tracking.coverage` — claimed composition families and whether they cover a composition;
* :mod:`matmine.tracking.disclosures` — dates, harmonised organisations, places in a document;
* :mod:`matmine.tracking.assignees` — :func:`harmonise_organisation`.

Submodules are imported on use (the CLI imports them inside its commands).
"""
