"""What a clinic may declare it offers (``services:``) and its medical specialty (``specialty:``), and how
search engines are told: nothing is claimed for a clinic that declares neither."""

from __future__ import annotations

#: Services by the key clinics.yaml uses: the schema.org type and name search engines see. MedicalTherapy
#: where the treatment is not physiotherapy itself (dry needling is also done by physicians and others).
SERVICES: dict[str, dict] = {
    "dry-needling": {"@type": "MedicalTherapy", "name": "Dry needling",
                     "alternateName": ["Trigger point dry needling", "Intramuscular stimulation"]},
    "physiotherapy": {"@type": "PhysicalTherapy", "name": "Physiotherapy"},
    "exercise-therapy": {"@type": "MedicalTherapy", "name": "Exercise therapy"},
    "manual-therapy": {"@type": "MedicalTherapy", "name": "Manual therapy"},
    "massage": {"@type": "MedicalTherapy", "name": "Massage therapy"},
    "electrotherapy": {"@type": "MedicalTherapy", "name": "Electrotherapy"},
    "chiropractic": {"@type": "MedicalTherapy", "name": "Chiropractic care"},
}  # fmt: skip

#: The members of schema.org's MedicalSpecialty enumeration (https://schema.org/MedicalSpecialty).
SPECIALTIES = (
    "Anesthesia", "Cardiovascular", "CommunityHealth", "Dentistry", "Dermatology", "DietNutrition", "Emergency",
    "Endocrine", "Gastroenterologic", "Genetic", "Geriatric", "Gynecologic", "Hematologic", "Infectious",
    "LaboratoryScience", "Midwifery", "Musculoskeletal", "Neurologic", "Nursing", "Obstetric", "Oncologic",
    "Optometric", "Otolaryngologic", "Pathology", "Pediatric", "PharmacySpecialty", "Physiotherapy",
    "PlasticSurgery", "Podiatric", "PrimaryCare", "Psychiatric", "PublicHealth", "Pulmonary", "Radiography",
    "Renal", "RespiratoryTherapy", "Rheumatologic", "SpeechPathology", "Surgical", "Toxicologic", "Urologic",
)  # fmt: skip


def service_data(keys) -> list[dict]:
    """schema.org nodes for the services a clinic declares, in its order."""
    return [dict(SERVICES[key]) for key in keys]
