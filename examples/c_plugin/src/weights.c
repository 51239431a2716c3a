/* Matching the host's tensors to the model's parameter slots. */
#include "weights.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* One parameter tensor the model expects. */
typedef struct tensor_slot {
  char name[64];
  int32_t rank;
  int64_t shape[2];
  size_t offset;       /* in floats, into the storage */
  const float **target; /* the example_weights or example_block field to point at it */
  int filled;
} tensor_slot;

typedef struct slot_list {
  tensor_slot *slots;
  size_t count;
  size_t n_floats; /* sum of the slots' sizes so far */
  int overflow;    /* set when n_floats no longer fits in size_t */
} slot_list;

static void add_slot(slot_list *list, const char *name, int32_t rank, int64_t dim0, int64_t dim1,
                     const float **target) {
  tensor_slot *slot = &list->slots[list->count++];
  snprintf(slot->name, sizeof slot->name, "%s", name);
  slot->rank = rank;
  slot->shape[0] = dim0;
  slot->shape[1] = rank == 2 ? dim1 : 0;
  slot->offset = list->n_floats;
  slot->target = target;
  slot->filled = 0;

  /* Every dimension is a positive int32_t, so the product fits in uint64_t. */
  const uint64_t size = (uint64_t)dim0 * (uint64_t)(rank == 2 ? dim1 : 1);
  if (size > (SIZE_MAX - list->n_floats) / sizeof(float)) {
    list->overflow = 1;
  } else {
    list->n_floats += (size_t)size;
  }
}

static void add_block_slots(slot_list *list, const example_shape *shape, int64_t layer, example_block *block) {
  const int64_t C = shape->d_model;
  const int64_t F = shape->d_ff;
  const struct {
    const char *suffix;
    int32_t rank;
    int64_t dim0, dim1;
    const float **target;
  } specs[] = {
      {"ln1.gamma", 1, C, 0, &block->ln1_gamma}, {"ln1.beta", 1, C, 0, &block->ln1_beta},
      {"attn.wq", 2, C, C, &block->wq},          {"attn.wk", 2, C, C, &block->wk},
      {"attn.wv", 2, C, C, &block->wv},          {"attn.wo", 2, C, C, &block->wo},
      {"attn.bq", 1, C, 0, &block->bq},          {"attn.bk", 1, C, 0, &block->bk},
      {"attn.bv", 1, C, 0, &block->bv},          {"attn.bo", 1, C, 0, &block->bo},
      {"ln2.gamma", 1, C, 0, &block->ln2_gamma}, {"ln2.beta", 1, C, 0, &block->ln2_beta},
      {"ffn.w1", 2, C, F, &block->w1},           {"ffn.b1", 1, F, 0, &block->b1},
      {"ffn.w2", 2, F, C, &block->w2},           {"ffn.b2", 1, C, 0, &block->b2},
  };
  for (size_t i = 0; i < sizeof specs / sizeof specs[0]; ++i) {
    char name[64];
    snprintf(name, sizeof name, "blocks.%lld.%s", (long long)layer, specs[i].suffix);
    add_slot(list, name, specs[i].rank, specs[i].dim0, specs[i].dim1, specs[i].target);
  }
}

#define SLOTS_PER_BLOCK 16
#define SLOTS_OUTSIDE_BLOCKS 5

/* Lists every parameter slot in the order of docs/model.md. */
static void list_slots(slot_list *list, const example_shape *shape, example_parameters *parameters) {
  example_weights *weights = &parameters->weights;
  const int64_t V = shape->vocab_size;
  const int64_t C = shape->d_model;

  add_slot(list, "tok_embedding", 2, V, C, &weights->tok_embedding);
  for (int64_t layer = 0; layer < shape->n_layers; ++layer) {
    add_block_slots(list, shape, layer, &parameters->blocks[layer]);
  }
  add_slot(list, "ln_f.gamma", 1, C, 0, &weights->ln_f_gamma);
  add_slot(list, "ln_f.beta", 1, C, 0, &weights->ln_f_beta);
  add_slot(list, "lm_head.w", 2, C, V, &weights->lm_head_w);
  add_slot(list, "lm_head.b", 1, V, 0, &weights->lm_head_b);
}

static tensor_slot *find_slot(slot_list *list, const char *name) {
  for (size_t i = 0; i < list->count; ++i) {
    if (strcmp(list->slots[i].name, name) == 0) return &list->slots[i];
  }
  return NULL;
}

/* Writes "[d0, d1, ...]", or "rank N" when the rank is outside 1..TB_TENSOR_MAX_RANK. */
static void format_shape(char *text, size_t size, int32_t rank, const int64_t *shape) {
  if (rank < 1 || rank > TB_TENSOR_MAX_RANK) {
    snprintf(text, size, "rank %d", (int)rank);
    return;
  }
  size_t used = 0;
  for (int32_t i = 0; i < rank && used < size; ++i) {
    const int written = snprintf(text + used, size - used, "%s%lld", i == 0 ? "[" : ", ", (long long)shape[i]);
    used += written > 0 ? (size_t)written : 0;
  }
  if (used < size) snprintf(text + used, size - used, "]");
}

/* Checks one host tensor against its slot and copies it into the storage. */
static tb_error *copy_tensor(slot_list *list, const tb_tensor *tensor, size_t index, float *storage) {
  if (tensor == NULL || tensor->struct_size < TB_STRUCT_SIZE(tb_tensor, data)) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "tensor %zu is NULL or its struct_size is too small",
                                index);
  }
  if (tensor->name == NULL) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "tensor %zu has no name", index);
  }

  tensor_slot *slot = find_slot(list, tensor->name);
  if (slot == NULL) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "unknown tensor '%s'", tensor->name);
  }
  if (slot->filled) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "tensor '%s' is given twice", tensor->name);
  }
  if (tensor->dtype != TB_DTYPE_F32) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "tensor '%s' has dtype %d, expected TB_DTYPE_F32",
                                tensor->name, (int)tensor->dtype);
  }

  const int shape_matches = tensor->rank == slot->rank && tensor->shape[0] == slot->shape[0] &&
                            (slot->rank == 1 || tensor->shape[1] == slot->shape[1]);
  if (!shape_matches) {
    char expected[64];
    char actual[128];
    format_shape(expected, sizeof expected, slot->rank, slot->shape);
    format_shape(actual, sizeof actual, tensor->rank, tensor->shape);
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "tensor '%s' has shape %s, expected %s", tensor->name,
                                actual, expected);
  }
  if (tensor->data == NULL) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "tensor '%s' has NULL data", tensor->name);
  }

  const size_t n_floats = (size_t)slot->shape[0] * (size_t)(slot->rank == 2 ? slot->shape[1] : 1);
  memcpy(storage + slot->offset, tensor->data, n_floats * sizeof(float));
  *slot->target = storage + slot->offset;
  slot->filled = 1;
  return NULL;
}

tb_error *example_parameters_load(const example_shape *shape, const tb_tensor *const *tensors, size_t n_tensors,
                                  example_parameters *out) {
  memset(out, 0, sizeof *out);
  if (tensors == NULL && n_tensors > 0) {
    return example_error_create(TB_STATUS_INVALID_ARGUMENT, "tensors is NULL but n_tensors is %zu", n_tensors);
  }

  const size_t n_layers = (size_t)shape->n_layers;
  slot_list list = {NULL, 0, 0, 0};
  list.slots = calloc(SLOTS_OUTSIDE_BLOCKS + SLOTS_PER_BLOCK * n_layers, sizeof(tensor_slot));
  out->blocks = calloc(n_layers, sizeof(example_block));
  if (list.slots == NULL || out->blocks == NULL) {
    free(list.slots);
    example_parameters_free(out);
    return example_error_create(TB_STATUS_OUT_OF_MEMORY, "cannot allocate the tensor list for %zu layers", n_layers);
  }
  out->weights.blocks = out->blocks;
  list_slots(&list, shape, out);

  if (list.overflow) {
    free(list.slots);
    example_parameters_free(out);
    return example_error_create(TB_STATUS_OUT_OF_RANGE, "the model's parameters do not fit in memory");
  }
  out->n_floats = list.n_floats;
  out->storage = malloc(list.n_floats * sizeof(float));
  if (out->storage == NULL) {
    free(list.slots);
    example_parameters_free(out);
    return example_error_create(TB_STATUS_OUT_OF_MEMORY, "cannot allocate %zu bytes of parameters",
                                list.n_floats * sizeof(float));
  }

  tb_error *error = NULL;
  for (size_t i = 0; i < n_tensors && error == NULL; ++i) {
    error = copy_tensor(&list, tensors[i], i, out->storage);
  }
  for (size_t i = 0; i < list.count && error == NULL; ++i) {
    if (!list.slots[i].filled) {
      error = example_error_create(TB_STATUS_INVALID_ARGUMENT, "tensor '%s' is missing", list.slots[i].name);
    }
  }

  free(list.slots);
  if (error != NULL) {
    example_parameters_free(out);
  }
  return error;
}

void example_parameters_free(example_parameters *parameters) {
  free(parameters->storage);
  free(parameters->blocks);
  memset(parameters, 0, sizeof *parameters);
}
