"""Generated protobuf modules (``scripts/gen_proto.py`` from ``proto/*.proto``); do not edit."""
