"""csi-gen: draft contrats de sécurité intégrée from versioned JSON to the Word contract."""

__version__ = "0.1.0"
