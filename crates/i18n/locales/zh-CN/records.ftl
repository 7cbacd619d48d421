# Messages of expertpool-records (zh-CN).
