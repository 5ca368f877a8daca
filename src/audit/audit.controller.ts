import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '../common/auth/auth.decorators';
import { Role } from '../common/auth/role';
import { AuditPage, AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@Controller('admin/audit')
@Roles(Role.Admin)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first; every filter is optional and they combine. */
  @Get()
  list(@Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.audit.list(query);
  }
}
