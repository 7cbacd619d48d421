# Messages of the verify area (en).
