# Messages of expertpool-draw (en).
