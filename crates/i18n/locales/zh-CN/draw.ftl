# Messages of expertpool-draw (zh-CN).
