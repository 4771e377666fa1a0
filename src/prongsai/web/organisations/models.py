"""The organisation tree: a national body, ministries or provinces, agencies, and an agency's work groups."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    """What a node of the tree is; the stored value is the English word, the label the Thai name."""

    NATIONAL = "national", "หน่วยงานระดับชาติ"
    MINISTRY = "ministry", "กระทรวง"
    PROVINCE = "province", "จังหวัด"
    AGENCY = "agency", "หน่วยงาน"
    WORKGROUP = "workgroup", "กลุ่มงาน"


NATIONAL = Kind.NATIONAL
MINISTRY = Kind.MINISTRY
PROVINCE = Kind.PROVINCE
AGENCY = Kind.AGENCY
WORKGROUP = Kind.WORKGROUP
KIND_CHOICES = Kind.choices
# Which kinds a node of each kind may sit under (None: at the root).
ALLOWED_PARENTS: dict[str, tuple[str | None, ...]] = {
    NATIONAL: (None,),
    MINISTRY: (NATIONAL,),
    PROVINCE: (NATIONAL, MINISTRY),
    AGENCY: (NATIONAL, MINISTRY, PROVINCE),
    WORKGROUP: (AGENCY,),
}
OVERSIGHT_KINDS = (NATIONAL, MINISTRY, PROVINCE)


class Organisation(models.Model):
    """A node of the tree. `path` is the materialised path of ids ("000001/000007/") so that everything under a
    node is one indexed prefix query on SQLite and PostgreSQL alike."""

    name = models.CharField("ชื่อ", max_length=255)
    kind = models.CharField("ประเภท", max_length=16, choices=KIND_CHOICES)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    code = models.CharField("รหัสหน่วยงาน", max_length=32, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="organisation_unique_name_in_parent")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_agency(self) -> bool:
        return self.kind == AGENCY

    @property
    def is_oversight_node(self) -> bool:
        return self.kind in OVERSIGHT_KINDS

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]
