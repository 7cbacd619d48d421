# Messages of the help area (en).
