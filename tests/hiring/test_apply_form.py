"""The public application form on the real database: what is saved, and how mistakes are told."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hiring.demo.resume_files import make_inflating_pdf
from hiring.intake.resume_reader import TOO_SLOW
from hiring.models import Application, Candidate
from portfolios.models import PortfolioReview
from tests.factories import form_data
from tests.resume_files import make_docx, make_pdf

pytestmark = pytest.mark.django_db


def apply_url(ad) -> str:
    return f"/jobs/{ad.slug}/apply/"


def test_the_form_shows_the_pay_range_and_responsibilities_beside_it(client, live_ad):
    page = client.get(apply_url(live_ad)).content.decode()

    assert "$140,000 \u2013 $175,000 per year" in page
    assert "Design experiments" in page
    assert "We never ask what you earn now" in page
    assert "never rejects anyone by itself" in page and "kept for 12 months" in page


def test_a_valid_application_is_saved_with_a_pending_review_and_a_private_resume_read_by_the_worker(
    submit, live_ad, private_storage, review_queue, mailoutbox, read_resumes
):
    response = submit(live_ad, form_data())

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.candidate.email == "ada@example.com"
    assert application.desired_salary == 150_000 and application.desired_currency == "USD"
    assert not application.resume_read and application.resume_text == ""  # the request never parses it
    assert str(application.resume).startswith("resumes/") and "cv.pdf" not in str(application.resume)
    assert (private_storage / str(application.resume)).read_bytes().startswith(b"%PDF-")
    assert application.portfolio_review.status == PortfolioReview.Status.PENDING
    assert sorted(review_queue.job_ids) == sorted(
        [f"portfolio-review-{application.portfolio_review_id}", f"resume-text-{application.pk}"]
    )
    assert len(mailoutbox) == 1 and application.status_token in mailoutbox[0].body

    assert read_resumes() == 1
    application.refresh_from_db()
    assert application.resume_read and application.resume_text.startswith("Senior Data Scientist")


def test_the_confirmation_page_links_to_the_private_status_page(
    submit, live_ad, private_storage, review_queue
):
    response = submit(live_ad, form_data(), follow=True)

    page = response.content.decode()
    assert "we received your application" in page
    token = Application.objects.get().status_token
    assert f"/applications/{token}/" in page


def test_without_a_github_profile_the_review_is_skipped_and_nothing_is_queued(
    client, live_ad, private_storage, review_queue
):
    client.post(apply_url(live_ad), form_data(github_username=""))

    application = Application.objects.get()
    assert application.portfolio_review.status == PortfolioReview.Status.SKIPPED
    assert review_queue.count == 0
    assert list(application.flags.values_list("kind", flat=True)) == ["no_portfolio"]


def test_a_docx_resume_is_accepted(client, live_ad, private_storage, review_queue):
    resume = SimpleUploadedFile(
        "cv.docx", make_docx("MLOps Engineer\nTerraform"), content_type="application/msword"
    )

    client.post(apply_url(live_ad), form_data(resume=resume))

    assert str(Application.objects.get().resume).endswith(".docx")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "Enter your full name."),
        ("email", "not-an-email", "An email address needs an @, like name@example.com."),
        ("email", "ada@example", "Enter your email address, like name@example.com."),
        ("years_experience", "many", "Enter your years of professional experience as a whole number"),
        ("years_experience", "70", "Enter at most 60 years of experience."),
        ("github_username", "-foo", "Enter a valid GitHub username"),
        ("salary_text", "1e309", "Enter an amount like"),
        ("salary_text", "-1", "more than zero"),
        ("other_links", "javascript:alert(1)", "is not a web link"),
        ("consent", None, "We need your consent"),
    ],
)
def test_each_invalid_field_re_renders_with_its_message_and_keeps_every_value(
    client, live_ad, private_storage, field, value, message
):
    data = form_data(**{field: value})
    if value is None:
        data.pop(field, None)

    response = client.post(apply_url(live_ad), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="London"' in page and "I enjoy experiments." in page
    assert Application.objects.count() == 0 and Candidate.objects.count() == 0


def test_a_valid_resume_is_kept_across_a_re_render_so_it_need_not_be_uploaded_again(
    client, submit, live_ad, private_storage, review_queue, read_resumes
):
    first = client.post(apply_url(live_ad), form_data(full_name=""))
    token = first.context["form"].stashed_resume_token
    assert "Your résumé is attached already" in first.content.decode()

    second = submit(live_ad, form_data(resume=None, resume_token=token))

    assert second.status_code == 302
    assert read_resumes() == 1
    assert Application.objects.get().resume_text.startswith("Senior Data Scientist")
    assert not list((private_storage / "pending").iterdir())


def test_a_forged_resume_token_counts_as_no_resume(client, live_ad, private_storage):
    response = client.post(
        apply_url(live_ad), form_data(resume=None, resume_token="pending/../../etc/passwd")
    )

    assert "Attach your résumé" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"<html><script>alert(1)</script></html>", "PDF or a Word"),
        ("cv.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64, "PDF or a Word"),
        ("cv.pdf", b"", "Attach your résumé"),
        ("cv.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024), "larger than 5 MB"),
        ("cv.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "PDF or a Word"),
    ],
)
def test_upload_attacks_are_refused_and_nothing_is_kept(
    client, live_ad, private_storage, name, content, message
):
    response = client.post(apply_url(live_ad), form_data(resume=SimpleUploadedFile(name, content)))

    assert message in response.content.decode()
    assert Application.objects.count() == 0
    assert not private_storage.exists() or not any(private_storage.rglob("*.pdf"))


def test_a_pdf_without_text_is_kept_and_flagged_unreadable(submit, live_ad, private_storage, read_resumes):
    submit(live_ad, form_data(resume=SimpleUploadedFile("scan.pdf", make_pdf(""))))
    assert read_resumes() == 1

    application = Application.objects.get()
    assert application.resume_unreadable_reason
    assert application.flags.filter(kind="resume_unreadable").exists()


def test_a_pdf_built_to_stall_readers_never_holds_the_request_and_is_read_within_the_limit(
    submit, live_ad, private_storage, read_resumes, settings
):
    bomb = make_inflating_pdf()  # 31 KB that inflate to 10 MB of text operators
    response = submit(live_ad, form_data(resume=SimpleUploadedFile("cv.pdf", bomb)))

    assert response.status_code == 302  # saved: the request checked the type and size only
    settings.RESUME_READ_SECONDS = 1  # in-process it takes 6 s and 317 MB; the child stops at 1 s
    assert read_resumes() == 1
    application = Application.objects.get()
    assert application.resume_read and application.resume_text == ""
    assert application.resume_unreadable_reason == TOO_SLOW
    flag = application.flags.get(kind="resume_unreadable")
    assert "took too long" in flag.message


@pytest.mark.parametrize("filename", ["../../x.pdf", "cv\u202efdp.exe.pdf", "a" * 300 + ".pdf"])
def test_hostile_filenames_are_stored_under_a_random_name(
    client, live_ad, private_storage, review_queue, filename
):
    client.post(apply_url(live_ad), form_data(resume=SimpleUploadedFile(filename, make_pdf("cv"))))

    application = Application.objects.get()
    assert str(application.resume).startswith("resumes/") and ".." not in str(application.resume)
    assert all(path.is_relative_to(private_storage) for path in private_storage.rglob("*"))


def test_a_filled_honeypot_stores_nothing(client, live_ad, private_storage):
    response = client.post(apply_url(live_ad), form_data(website="http://spam.example"))

    assert response.status_code == 200 and "Leave this field empty" in response.content.decode()
    assert Application.objects.count() == 0


def test_a_minimum_above_the_range_asks_for_confirmation_then_is_accepted_and_flagged(
    client, live_ad, private_storage, review_queue
):
    first = client.post(apply_url(live_ad), form_data(salary_text="210k"))
    assert "tick this box to apply anyway" in first.content.decode()
    assert Application.objects.count() == 0

    token = first.context["form"].stashed_resume_token
    client.post(
        apply_url(live_ad),
        form_data(salary_text="210k", confirm_salary="on", resume=None, resume_token=token),
    )

    flag = Application.objects.get().flags.get(kind="salary_above_range")
    assert (
        flag.message == "Asks at least $210,000 per year, 20% above the posted maximum of $175,000 per year."
    )


def test_the_salary_hint_warns_before_submitting(client, live_ad):
    url = f"/jobs/{live_ad.slug}/apply/salary-check/"

    above = client.get(url, {"salary_text": "95/hour", "salary_currency": "USD", "salary_period": "hour"})
    within = client.get(url, {"salary_text": "150k", "salary_currency": "USD", "salary_period": "year"})

    assert "above this role&#x27;s posted range" in above.content.decode()
    assert within.content.decode().strip() == ""


def test_the_live_hint_offers_the_confirmation_so_one_submit_is_enough(
    client, live_ad, private_storage, review_queue
):
    hint = client.get(f"/jobs/{live_ad.slug}/apply/salary-check/", {"salary_text": "210k"}).content.decode()
    ticked = client.get(
        f"/jobs/{live_ad.slug}/apply/salary-check/", {"salary_text": "220k", "confirm_salary": "on"}
    )

    assert 'name="confirm_salary"' in hint and "You can still apply: tick the box below" in hint
    assert 'name="confirm_salary" id="id_confirm_salary" checked' in ticked.content.decode()
    response = client.post(apply_url(live_ad), form_data(salary_text="210k", confirm_salary="on"))
    assert response.status_code == 302 and Application.objects.count() == 1


def test_a_failed_submit_sums_up_what_to_fix_with_links_to_each_field(client, live_ad, private_storage):
    page = client.post(apply_url(live_ad), form_data(full_name="", years_experience="six")).content.decode()

    assert 'id="error-summary"' in page and "autofocus" in page and "2 answers need another look" in page
    assert '<a href="#id_full_name">Full name: Enter your full name.</a>' in page
    assert '<a href="#id_years_experience">Years of professional experience:' in page


def test_a_data_scientist_profile_on_an_ml_engineer_ad_is_flagged_with_evidence(
    client, make_ad, ml_engineer, private_storage, review_queue
):
    ad = make_ad(
        status="published",
        title="ML Engineer",
        role_family=ml_engineer,
        required_skills=["CI/CD", "Terraform"],
    )

    client.post(apply_url(ad), form_data(current_title="Sr. Data Scientist"))

    flag = Application.objects.get().flags.get(kind="title_mismatch")
    assert "(Data Scientist); the ad asks for CI/CD, Terraform (Machine Learning Engineer)" in flag.message
    assert "statistics" in flag.evidence["matched_terms"]["Data Scientist"]


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_drafts_are_404_and_closed_ads_refuse_applications_clearly(client, make_ad, private_storage, status):
    ad = make_ad(status=status)

    response = client.post(apply_url(ad), form_data())

    assert response.status_code == (404 if status == "draft" else 410)
    assert Application.objects.count() == 0
    if status == "closed":
        assert "no longer takes applications" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', '=HYPERLINK("http://evil.example")'],
)
def test_markup_in_names_and_notes_is_stored_as_text_and_rendered_escaped(
    client, live_ad, private_storage, review_queue, name
):
    response = client.post(apply_url(live_ad), form_data(full_name=name, note=name), follow=True)

    assert Candidate.objects.get().full_name == name
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
