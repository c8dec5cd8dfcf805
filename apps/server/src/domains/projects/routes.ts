import { z } from 'zod';
import { idParams, noContent, pageOf, standardErrors } from '../../http/schemas.ts';
import type { ApiInstance, RouteDeps } from '../../http/types.ts';
import * as assignments from './assignments.ts';
import {
  assignmentParams,
  createProjectBody,
  createTaskAssignmentBody,
  createUserAssignmentBody,
  listProjectsQuery,
  projectSchema,
  taskAssignmentSchema,
  updateProjectBody,
  updateTaskAssignmentBody,
  updateUserAssignmentBody,
  userAssignmentSchema,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['Projects'];

export function registerProjectRoutes(app: ApiInstance, { db }: RouteDeps): void {
  app.get(
    '/projects',
    {
      schema: {
        operationId: 'listProjects',
        tags,
        summary: 'List the projects you can see (administrators: all; others: assigned)',
        querystring: listProjectsQuery,
        response: { 200: pageOf(projectSchema), ...standardErrors },
      },
    },
    (request) => service.listProjects(db, request.actor, request.query),
  );

  app.get(
    '/projects/:id',
    {
      schema: {
        operationId: 'getProject',
        tags,
        summary: 'Get a project',
        params: idParams,
        response: { 200: projectSchema, ...standardErrors },
      },
    },
    (request) => service.getProject(db, request.actor, request.params.id),
  );

  app.post(
    '/projects',
    {
      schema: {
        operationId: 'createProject',
        tags,
        summary: 'Create a project; its creator becomes its project manager',
        body: createProjectBody,
        response: { 201: projectSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createProject(db, request.actor, request.body)),
  );

  app.patch(
    '/projects/:id',
    {
      schema: {
        operationId: 'updateProject',
        tags,
        summary: 'Update a project; is_active false archives, true restores',
        params: idParams,
        body: updateProjectBody,
        response: { 200: projectSchema, ...standardErrors },
      },
    },
    (request) => service.updateProject(db, request.actor, request.params.id, request.body),
  );

  for (const [action, isActive] of [
    ['archive', false],
    ['restore', true],
  ] as const) {
    app.post(
      `/projects/:id/${action}`,
      {
        schema: {
          operationId: `${action}Project`,
          tags,
          summary: isActive ? 'Restore an archived project' : 'Archive a project (its history is kept)',
          params: idParams,
          response: { 200: projectSchema, ...standardErrors },
        },
      },
      (request) => service.updateProject(db, request.actor, request.params.id, { is_active: isActive }),
    );
  }

  app.delete(
    '/projects/:id',
    {
      schema: {
        operationId: 'deleteProject',
        tags,
        summary: 'Delete a project nobody has tracked anything on',
        params: idParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await service.deleteProject(db, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/projects/:id/task-assignments',
    {
      schema: {
        operationId: 'listProjectTaskAssignments',
        tags,
        summary: 'The tasks of a project',
        params: idParams,
        response: { 200: z.object({ data: z.array(taskAssignmentSchema) }), ...standardErrors },
      },
    },
    async (request) => ({
      data: await assignments.listTaskAssignments(db, request.actor, request.params.id),
    }),
  );

  app.post(
    '/projects/:id/task-assignments',
    {
      schema: {
        operationId: 'createProjectTaskAssignment',
        tags,
        summary: 'Add a task to a project',
        params: idParams,
        body: createTaskAssignmentBody,
        response: { 201: taskAssignmentSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await assignments.createTaskAssignment(db, request.actor, request.params.id, request.body)),
  );

  app.patch(
    '/projects/:id/task-assignments/:assignmentId',
    {
      schema: {
        operationId: 'updateProjectTaskAssignment',
        tags,
        summary: "Change a task's billable flag, rate or budget on a project",
        params: assignmentParams,
        body: updateTaskAssignmentBody,
        response: { 200: taskAssignmentSchema, ...standardErrors },
      },
    },
    (request) =>
      assignments.updateTaskAssignment(
        db,
        request.actor,
        request.params.id,
        request.params.assignmentId,
        request.body,
      ),
  );

  app.delete(
    '/projects/:id/task-assignments/:assignmentId',
    {
      schema: {
        operationId: 'deleteProjectTaskAssignment',
        tags,
        summary: 'Remove a task from a project',
        params: assignmentParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await assignments.deleteTaskAssignment(
        db,
        request.actor,
        request.params.id,
        request.params.assignmentId,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/projects/:id/user-assignments',
    {
      schema: {
        operationId: 'listProjectUserAssignments',
        tags,
        summary: 'The team of a project',
        params: idParams,
        response: { 200: z.object({ data: z.array(userAssignmentSchema) }), ...standardErrors },
      },
    },
    async (request) => ({
      data: await assignments.listUserAssignments(db, request.actor, request.params.id),
    }),
  );

  app.post(
    '/projects/:id/user-assignments',
    {
      schema: {
        operationId: 'createProjectUserAssignment',
        tags,
        summary: 'Assign a person or agent to a project',
        params: idParams,
        body: createUserAssignmentBody,
        response: { 201: userAssignmentSchema, ...standardErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await assignments.createUserAssignment(db, request.actor, request.params.id, request.body)),
  );

  app.patch(
    '/projects/:id/user-assignments/:assignmentId',
    {
      schema: {
        operationId: 'updateProjectUserAssignment',
        tags,
        summary: "Change a member's rate, budget or project-manager flag on a project",
        params: assignmentParams,
        body: updateUserAssignmentBody,
        response: { 200: userAssignmentSchema, ...standardErrors },
      },
    },
    (request) =>
      assignments.updateUserAssignment(
        db,
        request.actor,
        request.params.id,
        request.params.assignmentId,
        request.body,
      ),
  );

  app.delete(
    '/projects/:id/user-assignments/:assignmentId',
    {
      schema: {
        operationId: 'deleteProjectUserAssignment',
        tags,
        summary: 'Remove a member from a project',
        params: assignmentParams,
        response: { 204: noContent, ...standardErrors },
      },
    },
    async (request, reply) => {
      await assignments.deleteUserAssignment(
        db,
        request.actor,
        request.params.id,
        request.params.assignmentId,
      );
      return reply.status(204).send(null);
    },
  );
}
