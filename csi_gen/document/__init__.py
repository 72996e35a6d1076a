"""The contract's Word document: context, templates, rendering, finishing, PDF."""
