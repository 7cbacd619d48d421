# Messages of expertpool-site (zh-CN).
