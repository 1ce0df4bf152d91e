#!/bin/bash
# text_pdf_distributed.sh - text_pdf.sh's checks for thai-distributed
# alignment, kept apart: stretching every cluster boundary opens gaps that
# poppler and MuPDF read as spaces (see the report in the commit log).
exec env TEXT_PDF_ALIGNS=thai-distributed bash "$(dirname "$0")/text_pdf.sh" "$@"
