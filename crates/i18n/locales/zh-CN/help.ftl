# Messages of the help area (zh-CN).
