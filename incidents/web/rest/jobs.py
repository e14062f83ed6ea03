"""/api/v1/jobs/<id>/: the status of an ingest job (queued, running, done, failed, unsent).

POST /api/v1/reports/ answers 202 with this URL when the report was queued; the job is
visible to whoever submitted it (and to admins): anyone else gets 404, as for no job.
"""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from incidents.selectors.jobs import job_visible_get
from incidents.services.jobs import job_summary

from .auth import ViewerPermission


class JobSerializer(serializers.Serializer):
    job_id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["unsent", "queued", "running", "done", "failed"])
    outcome = serializers.CharField(help_text="ingested or duplicate, once done.")
    reason = serializers.CharField(help_text="Why it failed, is unsent, or was retried.")
    report_id = serializers.IntegerField(allow_null=True)
    attempts = serializers.IntegerField()
    channel = serializers.CharField()
    origin = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class JobView(APIView):
    permission_classes = [ViewerPermission]

    @extend_schema(summary="An ingest job's status", responses=JobSerializer, examples=[
        OpenApiExample("Done", response_only=True, value={
            "job_id": 3, "status": "done", "outcome": "ingested", "reason": "", "report_id": 7,
            "attempts": 1, "channel": "api", "origin": "api:wire-bot",
            "created_at": "2021-05-18T07:00:00Z", "updated_at": "2021-05-18T07:00:02Z"})])
    def get(self, request, pk: int):
        job = job_visible_get(user=request.user, job_id=pk)
        if job is None:
            raise NotFound("no such job")
        return Response(job_summary(job=job))
